import { ROUTES, hrefOf, type RouteId } from './routes';

export function NavBar({ current }: { current: RouteId }) {
  return (
    <nav className="nav-bar" aria-label="Main">
      <ul>
        {ROUTES.map((route) => (
          <li key={route.id}>
            <a href={hrefOf(route.id)} aria-current={route.id === current ? 'page' : undefined}>
              {route.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
