import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { formatDateTime } from '../../lib/format';
import { summaryOf } from '../../lib/form';
import { useFormErrors } from '../../lib/useFormErrors';
import { Button } from '../../ui/Button';
import { TextareaField } from '../../ui/Field';
import { FormShell } from '../../ui/FormShell';
import { addToCachedList } from '../../lib/cachedList';
import { useFocusFirstField, useReturnFocus } from '../../lib/focus';

export const ActionCommentFragment = graphql(`
  fragment ActionComment_comment on ActionItemComment {
    id
    body
    createdAt
    author {
      id
      displayName
    }
    organization {
      id
      name
    }
  }
`);

const AddActionItemCommentDocument = graphql(`
  mutation AddActionItemComment($input: AddActionItemCommentInput!) {
    addActionItemComment(input: $input) {
      id
      actionItemId
      ...ActionComment_comment
    }
  }
`);

const MAX_COMMENT = 2000;

function AddCommentForm({
  actionItemId,
  actionTitle,
  onAdded,
  onCancel,
}: {
  actionItemId: string;
  actionTitle: string;
  onAdded: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const bodyId = useId();
  const formRef = useFocusFirstField<HTMLFormElement>();
  const [body, setBody] = useState('');
  const { errors, setErrors, message, setMessage, showFailure } = useFormErrors();
  const [add, { loading }] = useMutation(AddActionItemCommentDocument, {
    // Comments are append-only and oldest first: the new one goes at the end of its action's list.
    update(cache, { data }) {
      const comment = data?.addActionItemComment;
      if (!comment) return;
      addToCachedList(
        cache,
        { __typename: 'ActionItem', id: comment.actionItemId },
        'comments',
        { __typename: 'ActionItemComment', id: comment.id },
        'end',
      );
    },
  });

  async function submit() {
    setMessage(null);
    const text = body.trim();
    const found: Record<string, string> = text ? {} : { body: t('planEditing.comments.errors.body') };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      await add({ variables: { input: { actionItemId, body: text } } });
      setBody('');
      onAdded();
    } catch (error) {
      showFailure(error);
    }
  }

  return (
    <FormShell
      ref={formRef}
      className="form comment-form"
      onSubmit={submit}
      errors={summaryOf(errors, { body: bodyId })}
      message={message}
      submitLabel={t('planEditing.comments.submit')}
      busy={loading}
      onCancel={onCancel}
    >
      <TextareaField
        id={bodyId}
        label={
          <>
            {t('planEditing.comments.label')}
            <span className="visually-hidden">{` ${t('planEditing.comments.labelFor', { title: actionTitle })}`}</span>
          </>
        }
        description={t('planEditing.comments.hint')}
        value={body}
        rows={3}
        maxLength={MAX_COMMENT}
        error={errors.body}
        onChange={(event) => setBody(event.target.value)}
      />
    </FormShell>
  );
}

/** The conversation about one action: append-only, so writing one never conflicts with anybody. */
export function ActionComments({
  actionItemId,
  actionTitle,
  comments,
  mayComment,
  onAdded,
}: {
  actionItemId: string;
  actionTitle: string;
  comments: readonly FragmentType<typeof ActionCommentFragment>[];
  mayComment: boolean;
  onAdded: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [writing, setWriting] = useState(false);
  const openerId = useReturnFocus(writing);
  const rows = getFragmentData(ActionCommentFragment, comments);
  const headingId = useId();

  return (
    <div className="action-comments">
      <h5 id={headingId} className="utrecht-heading-5 action-comments__heading">
        {t('actionPlan.comments')}
        <span className="muted">{` (${rows.length})`}</span>
      </h5>
      {rows.length === 0 ? (
        <p className="utrecht-paragraph muted">{t('planEditing.comments.empty')}</p>
      ) : (
        <ul className="comment-list" aria-labelledby={headingId}>
          {rows.map((comment) => (
            <li key={comment.id} className="comment-list__item">
              <p className="comment-list__meta muted">
                {t('planEditing.comments.meta', {
                  author: comment.author.displayName,
                  organization: comment.organization.name,
                  when: formatDateTime(comment.createdAt),
                })}
              </p>
              <p className="comment-list__body pre-line">{comment.body}</p>
            </li>
          ))}
        </ul>
      )}
      {mayComment ? (
        writing ? (
          <AddCommentForm
            actionItemId={actionItemId}
            actionTitle={actionTitle}
            onCancel={() => setWriting(false)}
            onAdded={() => {
              setWriting(false);
              onAdded(t('planEditing.comments.added', { title: actionTitle }));
            }}
          />
        ) : (
          <Button id={openerId} variant="subtle" onClick={() => setWriting(true)}>
            {t('planEditing.comments.open')}
            <span className="visually-hidden">{` ${t('planEditing.comments.labelFor', { title: actionTitle })}`}</span>
          </Button>
        )
      ) : null}
    </div>
  );
}
