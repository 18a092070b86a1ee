/**
 * Signpost's explanation beside TestDNSAnswer's answer (<SignpostExplanation>), laid out for
 * reading: the zone, the client as located and the ECS scope, then per routing choice a table
 * of its members (healthy, chosen, why). Extension elements of any other shape are shown as a
 * plain tree, so a newer server's additions are never hidden.
 */
import { labelOf, type Tree } from '../lib/xml-extension.ts';

const child = (n: Tree, name: string): Tree | undefined => n.children.find((c) => c.name === name);
const text = (n: Tree, name: string): string => child(n, name)?.text ?? '';

/** A generic view of extension elements. */
export function TreeView({ nodes }: { nodes: Tree[] }) {
  return (
    <ul className="tree">
      {nodes.map((n, i) => (
        <li key={i}>
          <span className="k">{labelOf(n.name)}</span>{n.text ? <>: <span className="v">{n.text}</span></> : null}
          {n.children.length > 0 && <TreeView nodes={n.children} />}
        </li>
      ))}
    </ul>
  );
}

function ChoiceView({ c, client }: { c: Tree; client: string }) {
  const members = child(c, 'Members')?.children ?? [];
  const note = text(c, 'Note');
  return (
    <div className="choice">
      <p><strong>{text(c, 'Name')} {text(c, 'Type')}</strong>: <span className="badge public">{text(c, 'Policy')}</span>
        {text(c, 'Client') && text(c, 'Client') !== client && <span className="muted"> for {text(c, 'Client')}</span>}</p>
      {note && <p className="muted">{note}</p>}
      {members.length > 0 && (
        <table className="list compact">
          <thead><tr><th scope="col">Record ID</th><th scope="col">Health</th><th scope="col">Chosen</th><th scope="col">Why</th></tr></thead>
          <tbody>{members.map((m, i) => {
            const chosen = text(m, 'Chosen') === 'true';
            return (
              <tr key={i} className={chosen ? 'chosen' : undefined}>
                <td>{text(m, 'SetIdentifier') || <span className="muted">—</span>}</td>
                <td className={text(m, 'Healthy') === 'false' ? 'bad-text' : 'ok-text'}>{text(m, 'Healthy') === 'false' ? 'unhealthy' : 'healthy'}</td>
                <td>{chosen ? 'yes' : 'no'}</td>
                <td>{text(m, 'Reason')}</td>
              </tr>
            );
          })}</tbody>
        </table>
      )}
    </div>
  );
}

/** The explanation (and any other extension elements) of one TestDNSAnswer response. */
export function ExplanationView({ nodes }: { nodes: Tree[] }) {
  return (
    <>{nodes.map((n, i) => n.name !== 'SignpostExplanation' ? <TreeView key={i} nodes={[n]} /> : (
      <div key={i} className="explanation">
        <dl className="facts">
          {(['Zone', 'Client', 'Scope'] as const).filter((k) => child(n, k)).map((k) => (
            <div key={k} className="contents"><dt>{k === 'Scope' ? 'ECS scope' : k}</dt><dd>{text(n, k)}{k === 'Scope' && ' (prefix length the answer holds for)'}</dd></div>
          ))}
        </dl>
        {(child(n, 'Choices')?.children ?? []).map((c, j) => <ChoiceView key={j} c={c} client={text(n, 'Client')} />)}
        {n.children.filter((c) => !['Zone', 'Client', 'Scope', 'Choices'].includes(c.name)).length > 0
          && <TreeView nodes={n.children.filter((c) => !['Zone', 'Client', 'Scope', 'Choices'].includes(c.name))} />}
      </div>
    ))}</>
  );
}
