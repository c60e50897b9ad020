/** Where workspaces other than the home one keep their databases: a folder beside the home file, so that they travel together. */
export function workspaceFolder(homePath: string): string {
  return `${homePath}.workspaces`;
}

/** A workspace's database from its registry name ('' is the home file itself). */
export function workspacePath(homePath: string, file: string): string {
  if (homePath === ':memory:') return ':memory:';
  return file === '' ? homePath : `${workspaceFolder(homePath)}/${file}`;
}
