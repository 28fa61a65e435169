const KEY = 'safe-deletion-console.token';

/** What the page can read of a token without checking it: the services check it. */
export interface TokenClaims {
  sub?: string;
  roles?: string[];
  exp?: number;
}

/**
 * The admin token, kept in sessionStorage: it lives as long as the tab, is not sent anywhere
 * by the browser on its own (no cookie), and is gone on sign out.
 */
export const session = {
  token(): string | null {
    return sessionStorage.getItem(KEY);
  },
  signIn(token: string): void {
    sessionStorage.setItem(KEY, token.replace(/^Bearer\s+/i, '').trim());
  },
  signOut(): void {
    sessionStorage.removeItem(KEY);
  },
  /** The token's claims as written in it, or undefined when it is not a readable JWT. */
  claims(): TokenClaims | undefined {
    const payload = this.token()?.split('.')[1];
    if (!payload) return undefined;
    try {
      const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
      return JSON.parse(json) as TokenClaims;
    } catch {
      return undefined;
    }
  },
};
