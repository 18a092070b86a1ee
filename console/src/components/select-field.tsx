/**
 * A labelled drop-down. The label is tied to the select by id rather than wrapped around it:
 * a wrapping <label>'s text would take in every option's text, so "Routing policy" would read
 * as "Routing policySimpleWeighted…" to tools that match controls by their label's text
 * (voice control, and playwright's getByLabel).
 */
import { useId, type ReactNode, type SelectHTMLAttributes } from 'react';

type Props = { label: ReactNode; fieldClass?: string } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>;

/** A <select> with its <label>, laid out like the form's other labelled fields. */
export function SelectField({ label, fieldClass, children, ...select }: Props) {
  const id = useId();
  return (
    <div className={fieldClass ? `field ${fieldClass}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <select id={id} {...select}>{children}</select>
    </div>
  );
}
