import type { Child } from 'hono/jsx';

export interface ChartProps {
  /** A unique id on the page: the SVG's title and description are found by it. */
  id: string;
  title: string;
  /** The text alternative: what the chart shows, in a sentence or two with its key figures. */
  description: string;
  width: number;
  height: number;
  /** An optional table or list with the chart's figures, for screen readers and print. */
  figures?: ChartFigures;
  children: Child;
}

/** The figures behind a chart and the label of their fold, in the page's language. */
export interface ChartFigures {
  label: string;
  content: Child;
}

/**
 * The frame of every chart: an inline SVG drawn on the server (it prints and needs no script),
 * with its title and text alternative, and the figures behind it folded away underneath.
 */
export function Chart({ id, title, description, width, height, figures, children }: ChartProps) {
  return (
    <figure class="chart" id={id}>
      <svg
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {children}
      </svg>
      <figcaption>
        {description}
        {figures && (
          <details>
            <summary>{figures.label}</summary>
            {figures.content}
          </details>
        )}
      </figcaption>
    </figure>
  );
}
