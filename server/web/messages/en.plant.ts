/**
 * English texts of the plant set-up's editing of existing nodes: renaming, a site's time zone, a
 * line's and a station's figures, and deleting a node (merged into the catalogue by en.ts).
 */
export const plantTexts = {
  'setup.plant.edit.summary': 'Edit',
  'setup.plant.edit.of': '{name} ({path})',
  'setup.plant.edit.codeFixed': 'Code {code}: it keys the live data topics, so it does not change.',
  'setup.plant.edit.timezoneHint': 'An IANA zone such as Europe/Vienna; blank: UTC. Dates already stored keep their day.',
  'setup.plant.edit.microstop': 'Microstop limit (seconds)',
  'setup.plant.edit.microstopHint': 'Stops shorter than this count as speed loss, not availability loss; 0 to 3600.',
  'setup.plant.edit.peakLimit': 'Peak demand limit (kW)',
  'setup.plant.edit.peakLimitHint':
    'The site’s contracted peak (15-minute mean power): mix scenarios flag a plan whose peak crosses it. Blank: none known.',
  'setup.plant.edit.idealCycle': 'Ideal cycle time (seconds)',
  'setup.plant.edit.idealCycleHint':
    'Planned run time per item (ISO 22400); blank: the line model’s mean processing time. Times by product are set through the API.',
  'setup.plant.edit.position': 'Position {position} along the line: it does not change here.',
  'setup.plant.delete.refused': 'Not deleted',
  'setup.plant.deleteHint.enterprise': 'Only while it has no sites and no programs.',
  'setup.plant.deleteHint.site': 'Only while it has no areas, no program covers it and no data source is scoped to it.',
  'setup.plant.deleteHint.area': 'Only while it has no lines and no use case or data source is scoped to it.',
  'setup.plant.deleteHint.line':
    'Only while it has no stations, tasks, simulation model or runs, and no use case or data source is scoped to it.',
  'setup.plant.deleteHint.station': 'Only while the line’s simulation model does not name it and it has no machine data.',
} as const;

export type PlantKey = keyof typeof plantTexts;
