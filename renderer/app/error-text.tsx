/** An error in words, where it happened; nothing when there is none. */
export function ErrorText({ error, what }: { error: Error | null | undefined; what: string }) {
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {what}: {error.message}
    </p>
  );
}
