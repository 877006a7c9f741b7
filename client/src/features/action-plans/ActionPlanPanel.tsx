import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { Button } from '../../ui/Button';
import { Heading, Paragraph } from '../../ui/Heading';
import { EmptyState } from '../../ui/QueryState';
import { ActionItemView } from './ActionItem';
import { AddActionItemForm } from './AddActionItemForm';
import { useReturnFocus } from '../../lib/focus';
import { PlanBasics } from './PlanBasics';
import { PlanConditions } from './PlanConditions';
import { PlanGoals } from './PlanGoals';
import { PlanCaseContext } from './planQuery';
import './action-plan.css';

export const ActionPlanPanelFragment = graphql(`
  fragment ActionPlanPanel_case on Case {
    id
    participants {
      role
      organization {
        id
        name
      }
    }
    actionPlan {
      id
      version
      ...PlanBasics_plan
      goals {
        id
        ...PlanGoal_goal
      }
      conditions {
        id
        ...PlanCondition_condition
      }
      items {
        id
        ...ActionItem_item
      }
    }
  }
`);

type Organization = { readonly id: string; readonly name: string };

/**
 * The plan van aanpak (category ACTION_PLAN), co-edited by the partners: the help request and the
 * tenant's agreement, SMART goals, conditions, and the actions with their comments and history. Every
 * versioned row is edited against the version it was read at; a save that crossed someone else's opens
 * the conflict dialog (both versions side by side, merged per field). Changes by others arrive live:
 * the case page reads the case again when the server announces a change (useLiveCase).
 */
export function ActionPlanPanel({
  caseRef,
  actingOrgId,
  mayEdit,
}: {
  caseRef: FragmentType<typeof ActionPlanPanelFragment>;
  actingOrgId: string;
  mayEdit: boolean;
}) {
  const { t } = useTranslation();
  const data = getFragmentData(ActionPlanPanelFragment, caseRef);
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState('');
  const actionsHeadingId = useId();
  const addOpenerId = useReturnFocus(adding);
  const plan = data.actionPlan;
  if (!plan) return null;
  const organizations: Organization[] = [];
  for (const participant of data.participants) {
    if (!organizations.some((organization) => organization.id === participant.organization.id)) {
      organizations.push(participant.organization);
    }
  }

  return (
    <PlanCaseContext value={data.id}>
      <div className="action-plan">
        <p role="status" className="utrecht-paragraph status-line">
          {status}
        </p>
        {plan.version === 0 && mayEdit ? (
          <Paragraph className="muted">{t('planEditing.empty')}</Paragraph>
        ) : null}
        <PlanBasics caseId={data.id} planRef={plan} mayEdit={mayEdit} onSaved={setStatus} />
        <PlanGoals
          caseId={data.id}
          planId={plan.id ?? null}
          goals={plan.goals}
          mayEdit={mayEdit}
          onSaved={setStatus}
        />
        <PlanConditions
          caseId={data.id}
          planId={plan.id ?? null}
          conditions={plan.conditions}
          mayEdit={mayEdit}
          onSaved={setStatus}
        />
        <div className="plan-part">
          <Heading level={3} id={actionsHeadingId}>
            {t('actionPlan.actions')}
          </Heading>
          {plan.items.length === 0 ? (
            <EmptyState>{t('actionPlan.noActions')}</EmptyState>
          ) : (
            <ul className="action-list" aria-labelledby={actionsHeadingId}>
              {plan.items.map((itemRef) => (
                <ActionItemView key={itemRef.id} itemRef={itemRef} mayEdit={mayEdit} onSaved={setStatus} />
              ))}
            </ul>
          )}
          {mayEdit ? (
            adding ? (
              <AddActionItemForm
                caseId={data.id}
                planId={plan.id ?? null}
                organizations={organizations}
                defaultOwnerId={actingOrgId}
                onCancel={() => setAdding(false)}
                onDone={(message) => {
                  setAdding(false);
                  setStatus(message);
                }}
              />
            ) : (
              <Button
                id={addOpenerId}
                variant="secondary"
                onClick={() => {
                  setStatus('');
                  setAdding(true);
                }}
              >
                {t('actionPlan.add')}
              </Button>
            )
          ) : (
            <Paragraph className="muted">{t('actionPlan.readOnly')}</Paragraph>
          )}
        </div>
      </div>
    </PlanCaseContext>
  );
}
