/** Calibration: a line's simulation model fitted to a window of its live data, and validated against it. */
export { calibrateLine, type CalibrationInput, type CalibrationResult } from './calibrate.ts';
export { applyCalibration, MAX_CALIBRATION_DAYS, submitCalibration } from './calibrations.ts';
export { fitRepairs, fitTimes, type FitResult } from './fit.ts';
export { calibrationRoutes } from './routes.ts';
