import type { Locator, Page } from '@playwright/test';

/** The sign-in page (paste a token) that a Promwall asking for tokens shows a browser without one. */
export class SignInPage {
  readonly root: Locator;
  readonly heading: Locator;
  readonly token: Locator;
  readonly signIn: Locator;
  readonly problem: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('sign-in');
    this.heading = this.root.getByRole('heading', { level: 1 });
    this.token = this.root.getByLabel('Access token');
    this.signIn = this.root.getByRole('button', { name: 'Sign in' });
    this.problem = this.root.getByRole('alert');
  }

  async signInWith(token: string): Promise<void> {
    await this.token.fill(token);
    await this.signIn.click();
  }
}

/** The page a token sees where its role may not go. */
export class NotAllowedPage {
  readonly root: Locator;
  readonly heading: Locator;
  readonly switchToken: Locator;
  readonly openWall: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('not-allowed');
    this.heading = this.root.getByRole('heading', { level: 1 });
    this.switchToken = this.root.getByRole('button', { name: 'Sign in with another token' });
    this.openWall = this.root.getByRole('link', { name: 'Open the TV wall' });
  }
}

/** Who the top bar says is signed in, and its way out. */
export class SessionBar {
  readonly signedInAs: Locator;
  readonly signOut: Locator;

  constructor(page: Page) {
    this.signedInAs = page.getByTestId('signed-in-as');
    this.signOut = page.getByRole('banner').getByRole('button', { name: 'Sign out' });
  }
}
