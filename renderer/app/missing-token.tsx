/** Shown when the page was opened without the session key the host printed. */
export function MissingToken() {
  return (
    <main className="missing-token">
      <h1>Open the address printed by acm serve</h1>
      <p>
        This page needs the session key that <code>acm serve</code> prints with its address (the part after <code>#token=</code>
        ). Copy the whole address from the terminal where the host runs, or restart it with <code>acm serve</code>.
      </p>
    </main>
  );
}
