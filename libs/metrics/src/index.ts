// Owns: this process's Prometheus registry, the platform's metric names, /metrics.
// Must not import: any @lib but config (it is counted into, it counts nothing itself).
export { MetricsModule } from './metrics.module';
export { PlatformMetrics } from './platform-metrics';
