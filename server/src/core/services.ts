import type { DataSource } from 'typeorm';
import { AuthService, type SessionSettings } from '../features/auth/auth.service.js';
import { CaseSectionsService } from '../features/cases/case-sections.service.js';
import { CaseService } from '../features/cases/case.service.js';
import { ConsentService } from '../features/consents/consent.service.js';
import { PrivacyService } from '../features/privacy/privacy.service.js';

/** The application's services, built once per process; each method takes the request context. */
export interface Services {
  readonly auth: AuthService;
  readonly cases: CaseService;
  readonly sections: CaseSectionsService;
  readonly consents: ConsentService;
  readonly privacy: PrivacyService;
}

export function createServices(
  dataSource: DataSource,
  settings: { session: SessionSettings; bsnKey: Buffer },
): Services {
  const cases = new CaseService(dataSource);
  const sections = new CaseSectionsService(dataSource, settings.bsnKey);
  return {
    auth: new AuthService(dataSource, settings.session),
    cases,
    sections,
    consents: new ConsentService(dataSource),
    privacy: new PrivacyService(dataSource, sections, cases),
  };
}
