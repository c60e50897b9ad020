export { AttributionDelayEstimator, settlingDelayHorizon, type DelayHorizon } from './attribution-delay';
export { Calibrator, type CalibrationOutcome } from './calibrator';
export { confidence } from './confidence';
export { applyCalibration, metricInterval, toPrediction } from './metrics';
export { ResponseModel, type ResponseModelOptions } from './response-model';
export type { ChangeEffect, DailyObservation, EffectInterval, FitSummary, Forecast, ForecastEvent, ForecastRequest, Interval80, Volatility } from './types';
