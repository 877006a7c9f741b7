import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

interface FieldFrameProps {
  readonly id: string;
  readonly label: ReactNode;
  readonly description?: ReactNode;
  readonly error?: string | undefined;
  readonly children: ReactNode;
  readonly className?: string;
}

function describedBy(id: string, description: ReactNode, error: string | undefined): string | undefined {
  return (
    [description ? `${id}-description` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') ||
    undefined
  );
}

/** Label, description, error message and control, wired together (NL Design System form field). */
function FieldFrame({ id, label, description, error, children, className }: FieldFrameProps) {
  return (
    <div
      className={[
        'utrecht-form-field',
        'utrecht-form-field--distanced',
        error ? 'utrecht-form-field--invalid' : '',
        className ?? '',
      ]
        .filter(Boolean)
        .join(' ')}
    >
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>
          {label}
        </label>
      </div>
      {description ? (
        <div className="utrecht-form-field-description" id={`${id}-description`}>
          {description}
        </div>
      ) : null}
      {error ? (
        <div className="utrecht-form-field-error-message" id={`${id}-error`}>
          {error}
        </div>
      ) : null}
      <div className="utrecht-form-field__input">{children}</div>
    </div>
  );
}

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  readonly label: ReactNode;
  readonly description?: ReactNode;
  readonly error?: string | undefined;
  /** Stable id, e.g. for the error summary's links; generated when absent. */
  readonly id?: string;
}

export function TextField({ label, description, error, id, className, ...input }: TextFieldProps) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <FieldFrame id={fieldId} label={label} description={description} error={error} className={className}>
      <input
        {...input}
        id={fieldId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, description, error)}
        className={['utrecht-textbox', 'utrecht-textbox--html-input', error ? 'utrecht-textbox--invalid' : '']
          .filter(Boolean)
          .join(' ')}
      />
    </FieldFrame>
  );
}

export interface TextareaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  readonly label: ReactNode;
  readonly description?: ReactNode;
  readonly error?: string | undefined;
  readonly id?: string;
}

export function TextareaField({ label, description, error, id, className, ...textarea }: TextareaFieldProps) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <FieldFrame id={fieldId} label={label} description={description} error={error} className={className}>
      <textarea
        {...textarea}
        id={fieldId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, description, error)}
        className={[
          'utrecht-textarea',
          'utrecht-textarea--html-textarea',
          error ? 'utrecht-textarea--invalid' : '',
        ]
          .filter(Boolean)
          .join(' ')}
      />
    </FieldFrame>
  );
}

export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  readonly label: ReactNode;
  readonly options: readonly SelectOption[];
  readonly description?: ReactNode;
  readonly error?: string | undefined;
  readonly id?: string;
  /** A first, empty choice ("Kies …"). */
  readonly placeholder?: string;
}

export function SelectField({
  label,
  options,
  description,
  error,
  id,
  placeholder,
  className,
  ...select
}: SelectFieldProps) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <FieldFrame id={fieldId} label={label} description={description} error={error} className={className}>
      <select
        {...select}
        id={fieldId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, description, error)}
        className={['utrecht-select', 'utrecht-select--html-select', error ? 'utrecht-select--invalid' : '']
          .filter(Boolean)
          .join(' ')}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'> {
  readonly label: ReactNode;
  readonly id?: string;
}

export function CheckboxField({ label, id, className, ...input }: CheckboxFieldProps) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <div
      className={['utrecht-form-field', 'utrecht-form-field--checkbox', 'checkbox-field', className ?? '']
        .filter(Boolean)
        .join(' ')}
    >
      <input
        {...input}
        type="checkbox"
        id={fieldId}
        className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
      />
      <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={fieldId}>
        {label}
      </label>
    </div>
  );
}

export interface ChoiceGroupProps {
  readonly legend: ReactNode;
  readonly description?: ReactNode;
  readonly error?: string | undefined;
  readonly id?: string;
  readonly children: ReactNode;
}

/** A fieldset with legend for a group of checkboxes or radio buttons. */
export function ChoiceGroup({ legend, description, error, id, children }: ChoiceGroupProps) {
  const generated = useId();
  const groupId = id ?? generated;
  return (
    <fieldset
      id={groupId}
      tabIndex={-1}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(groupId, description, error)}
      className={[
        'utrecht-form-fieldset',
        'utrecht-form-fieldset--html-fieldset',
        'utrecht-form-fieldset--distanced',
        error ? 'utrecht-form-fieldset--invalid' : '',
      ]
        .filter(Boolean)
        .join(' ')}
    >
      <legend className="utrecht-form-fieldset__legend utrecht-form-label">{legend}</legend>
      {description ? (
        <div className="utrecht-form-field-description" id={`${groupId}-description`}>
          {description}
        </div>
      ) : null}
      {error ? (
        <div className="utrecht-form-field-error-message" id={`${groupId}-error`}>
          {error}
        </div>
      ) : null}
      {children}
    </fieldset>
  );
}

export interface RadioFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'> {
  readonly label: ReactNode;
}

export function RadioField({ label, className, ...input }: RadioFieldProps) {
  const id = useId();
  return (
    <div
      className={['utrecht-form-field', 'utrecht-form-field--radio', 'checkbox-field', className ?? '']
        .filter(Boolean)
        .join(' ')}
    >
      <input
        {...input}
        type="radio"
        id={id}
        className="utrecht-radio-button utrecht-radio-button--html-input"
      />
      <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={id}>
        {label}
      </label>
    </div>
  );
}
