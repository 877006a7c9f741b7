import type { DataSource } from 'typeorm';
import { AuthService, type SessionSettings } from '../features/auth/auth.service.js';
import { CaseService } from '../features/cases/case.service.js';

/** The application's services, built once per process; each method takes the request context. */
export interface Services {
  readonly auth: AuthService;
  readonly cases: CaseService;
}

export function createServices(dataSource: DataSource, session: SessionSettings): Services {
  return {
    auth: new AuthService(dataSource, session),
    cases: new CaseService(dataSource),
  };
}
