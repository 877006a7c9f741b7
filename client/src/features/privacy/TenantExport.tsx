import { useMutation } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { graphql } from '../../gql';
import { formatDateTime } from '../../lib/format';
import { toApiError } from '../../lib/graphql-errors';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Paragraph } from '../../ui/Heading';
import { VisuallyHidden } from '../../ui/VisuallyHidden';
import { useActor } from '../auth';
import { createDownloads, revokeDownloads, type ExportDownload } from './downloads';
import './privacy.css';

export const ExportTenantDataDocument = graphql(`
  mutation ExportTenantData($tenantId: ID!) {
    exportTenantData(tenantId: $tenantId) {
      generatedAt
      json
      html
      organization {
        id
        name
      }
    }
  }
`);

interface ExportDialogProps {
  readonly tenantId: string;
  readonly caseReference: string;
  readonly onClose: () => void;
}

/**
 * Confirm, export, download. The confirmation says the export is itself recorded in the audit log
 * (an EXPORT event in the officer's name); only after it do both files exist in the browser.
 */
function ExportDialog({ tenantId, caseReference, onClose }: ExportDialogProps) {
  const { t } = useTranslation();
  const { actor } = useActor();
  const [downloads, setDownloads] = useState<readonly ExportDownload[]>([]);
  const [generatedAt, setGeneratedAt] = useState<string | null>(null);
  const firstDownload = useRef<HTMLAnchorElement>(null);
  const [runExport, { loading, error, reset }] = useMutation(ExportTenantDataDocument, {
    // The export is itself an audit event: audit lists on screen read again and show it.
    update(cache) {
      cache.evict({ id: 'ROOT_QUERY', fieldName: 'auditEvents' });
      cache.evict({ id: 'ROOT_QUERY', fieldName: 'auditTrail' });
      cache.gc();
    },
  });

  // Object URLs hold the whole export in memory: give them back when the dialog goes.
  useEffect(() => () => revokeDownloads(downloads), [downloads]);

  useEffect(() => {
    if (downloads.length > 0) firstDownload.current?.focus();
  }, [downloads]);

  async function confirm() {
    reset();
    try {
      const result = await runExport({ variables: { tenantId } });
      const exported = result.data?.exportTenantData;
      if (!exported) return;
      setGeneratedAt(exported.generatedAt);
      setDownloads(createDownloads(exported, caseReference));
    } catch {
      // The mutation's error state says what went wrong.
    }
  }

  const apiError = error ? toApiError(error) : null;

  return (
    <Dialog title={t('privacy.export.title', { reference: caseReference })} onClose={onClose}>
      {downloads.length === 0 ? (
        <>
          <Paragraph>{t('privacy.export.explanation', { organization: actor.organizationName })}</Paragraph>
          <Alert type="warning" heading={t('privacy.export.auditedHeading')}>
            <p className="utrecht-paragraph">{t('privacy.export.audited')}</p>
          </Alert>
          <Paragraph>{t('privacy.export.deadline')}</Paragraph>
          <div role="status" className="status-line">
            {loading ? t('privacy.export.busy') : ''}
          </div>
          {apiError ? (
            <Alert type="error" live heading={t('privacy.export.failed')}>
              <p className="utrecht-paragraph">
                {apiError.code === 'NOT_FOUND' ? t('privacy.export.notFound') : t(`errors.${apiError.code}`)}
              </p>
            </Alert>
          ) : null}
          <div className="button-row">
            <Button variant="primary" busy={loading} onClick={() => void confirm()}>
              {apiError ? t('privacy.export.retry') : t('privacy.export.confirm')}
            </Button>
            <Button variant="secondary" onClick={onClose}>
              {t('common.cancel')}
            </Button>
          </div>
        </>
      ) : (
        <>
          <Alert type="ok" live heading={t('privacy.export.ready')}>
            <p className="utrecht-paragraph">
              {t('privacy.export.readyBody', { date: generatedAt ? formatDateTime(generatedAt) : '' })}
            </p>
          </Alert>
          <ul className="plain-list export-downloads">
            {downloads.map((download, index) => (
              <li key={download.kind}>
                <a
                  ref={index === 0 ? firstDownload : undefined}
                  href={download.url}
                  download={download.fileName}
                  className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
                >
                  {t(`privacy.export.download.${download.kind}`)}
                </a>{' '}
                <span className="muted">{download.fileName}</span>
              </li>
            ))}
          </ul>
          <Paragraph className="muted">{t('privacy.export.keepSafe')}</Paragraph>
          <div className="button-row">
            <Button variant="secondary" onClick={onClose}>
              {t('privacy.export.close')}
            </Button>
          </div>
        </>
      )}
    </Dialog>
  );
}

/** "Inzageverzoek exporteren" for the tenant of a case (AVG art. 15), for the privacy officer. */
export function TenantExportButton({
  tenantId,
  caseReference,
  variant = 'secondary',
}: {
  readonly tenantId: string;
  readonly caseReference: string;
  readonly variant?: 'primary' | 'secondary' | 'subtle';
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant={variant} onClick={() => setOpen(true)}>
        {t('privacy.export.button')}{' '}
        <VisuallyHidden>{t('privacy.export.buttonFor', { reference: caseReference })}</VisuallyHidden>
      </Button>
      {open ? (
        <ExportDialog tenantId={tenantId} caseReference={caseReference} onClose={() => setOpen(false)} />
      ) : null}
    </>
  );
}
