export { build, type Scheduler, type SchedulerDeps } from './scheduler.ts';
export { Dispatcher, type DispatcherOptions } from './dispatcher.ts';
export { SCHEDULER_ERRORS, SchedulerError } from './errors.ts';
export type { ChannelControl, Clock, ScheduleRepository } from './ports.ts';
export type { Schedule, ScheduleStatus } from './model.ts';
export { KyselyScheduleRepository, schedulerMigrations } from './adapters/kysely-schedule-repository.ts';
export { httpRequester, originChannelControl, type Requester } from './adapters/origin-channel-control.ts';
