import { useAcmQuery } from '../ipc/use-acm-query';
import { ROUTES, hrefOf, type RouteId } from './routes';

export function NavBar({ current }: { current: RouteId }) {
  const count = useAcmQuery('alerts.count');
  const exceptions = useAcmQuery('workspaces.exceptions');
  const waiting = count.data?.total ?? 0;
  const everywhere = exceptions.data?.length ?? 0;
  return (
    <nav className="nav-bar" aria-label="Main">
      <ul>
        {ROUTES.map((route) => (
          <li key={route.id} className={route.id === 'clients' ? 'nav-across' : undefined}>
            <a href={hrefOf(route.id)} aria-current={route.id === current ? 'page' : undefined}>
              {route.label}
            </a>
            {route.id === 'alerts' && waiting > 0 && (
              <span className="badge" role="status" aria-label={`${waiting} alert${waiting === 1 ? '' : 's'} waiting`}>
                {waiting}
              </span>
            )}
            {route.id === 'clients' && everywhere > 0 && (
              <span className="badge" role="status" aria-label={`${everywhere} waiting across clients`}>
                {everywhere}
              </span>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
