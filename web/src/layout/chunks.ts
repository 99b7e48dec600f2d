// The signed-in shell and the start page are lazy chunks: the login page loads neither. Signing in starts
// fetching both while the password is checked, so the start page does not wait for them afterwards.
export const loadAppLayout = () => import('./AppLayout');
export const loadHomePage = () => import('../pages/HomePage');

export function preloadSignedInShell(): void {
  void loadAppLayout().catch(() => undefined);
  void loadHomePage().catch(() => undefined);
}
