import type { DataSource } from 'typeorm';
import { AuthService, type SessionSettings } from '../features/auth/auth.service.js';
import { CaseSectionsService } from '../features/cases/case-sections.service.js';
import { CaseService } from '../features/cases/case.service.js';
import { ConsentService } from '../features/consents/consent.service.js';

/** The application's services, built once per process; each method takes the request context. */
export interface Services {
  readonly auth: AuthService;
  readonly cases: CaseService;
  readonly sections: CaseSectionsService;
  readonly consents: ConsentService;
}

export function createServices(
  dataSource: DataSource,
  settings: { session: SessionSettings; bsnKey: Buffer },
): Services {
  return {
    auth: new AuthService(dataSource, settings.session),
    cases: new CaseService(dataSource),
    sections: new CaseSectionsService(dataSource, settings.bsnKey),
    consents: new ConsentService(dataSource),
  };
}
