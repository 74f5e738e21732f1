import { Link, usePath } from '../router.tsx';

/** The pages of one section (the Fund, assistance), the current one marked. */
export function SubNav({ label, links }: { label: string; links: ReadonlyArray<[string, string]> }) {
  const path = usePath();
  return (
    <nav className="subnav" aria-label={label}>
      <ul>
        {links.map(([to, text]) => (
          <li key={to}>
            <Link to={to} aria-current={path === to ? 'page' : undefined}>
              {text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
