import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { appWithTokens, authYaml, TEST_TOKENS, WRONG_TOKEN } from './auth.testing.ts';

const admin = TEST_TOKENS.admin;

describe('GET /api/v1/session', () => {
  it('says no token is needed when none is configured', async () => {
    const res = await request(appWithTokens({ yaml: '' })).get('/api/v1/session');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ authRequired: false, principal: null });
  });

  it('says a token is needed, and whose the request carried', async () => {
    const app = appWithTokens();

    const anonymous = await request(app).get('/api/v1/session');
    const wrong = await request(app).get('/api/v1/session').set('Authorization', `Bearer ${WRONG_TOKEN}`);
    const signedIn = await request(app).get('/api/v1/session').set('Authorization', `Bearer ${admin.token}`);

    expect(anonymous.body).toEqual({ authRequired: true, principal: null });
    expect(wrong.status).toBe(200);
    expect(wrong.body).toEqual({ authRequired: true, principal: null });
    expect(signedIn.body).toEqual({ authRequired: true, principal: { name: admin.name, role: 'admin' } });
    expect(signedIn.headers['set-cookie']).toBeUndefined();
  });

  it('renews the cookie it was sent, so that a wall reloading daily keeps it', async () => {
    const res = await request(appWithTokens({ yaml: authYaml('  cookieMaxAge: 1d\n') }))
      .get('/api/v1/session')
      .set('Cookie', `promwall_token=${TEST_TOKENS.kiosk.token}`);

    expect(res.body.principal).toEqual({ name: TEST_TOKENS.kiosk.name, role: 'kiosk' });
    expect(res.headers['set-cookie']![0]).toMatch(/^promwall_token=[^;]+; Max-Age=86400; Path=\/;/);
  });
});

describe('POST /api/v1/session', () => {
  it('signs in with the Bearer token: the cookie holds it from then on', async () => {
    const app = appWithTokens();

    const res = await request(app).post('/api/v1/session').set('Authorization', `Bearer ${admin.token}`);
    const cookie = res.headers['set-cookie']![0]!.split(';')[0]!;
    const displays = await request(app).get('/api/v1/displays').set('Cookie', cookie);

    expect(res.status).toBe(204);
    expect(res.headers['set-cookie']![0]).toMatch(/; HttpOnly; SameSite=Strict$/);
    expect(displays.status).toBe(200);
  });

  it('refuses a wrong or missing token, and sets no cookie', async () => {
    const app = appWithTokens();

    const wrong = await request(app).post('/api/v1/session').set('Authorization', `Bearer ${WRONG_TOKEN}`);
    const missing = await request(app).post('/api/v1/session');
    const inBody = await request(app).post('/api/v1/session').send({ token: admin.token });

    for (const res of [wrong, missing, inBody]) {
      expect(res.status).toBe(401);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect(wrong.body.error.message).toBe('The access token is not valid');
    expect(missing.body.error.message).toBe('Send the token as Authorization: Bearer <token>');
  });

  it('has nothing to sign in to without tokens', async () => {
    const res = await request(appWithTokens({ yaml: '' }))
      .post('/api/v1/session')
      .set('Authorization', `Bearer ${admin.token}`);

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('auth_not_configured');
  });
});

describe('DELETE /api/v1/session', () => {
  it('signs out: the cookie is cleared', async () => {
    const res = await request(appWithTokens()).delete('/api/v1/session').set('Cookie', `promwall_token=${admin.token}`);

    expect(res.status).toBe(204);
    expect(res.headers['set-cookie']![0]).toMatch(/^promwall_token=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT/);
  });
});

describe('the rate limit with access tokens', () => {
  const limited = () => appWithTokens({ yaml: `${authYaml()}limits: { rateLimit: { requests: 3, per: 1m } }\n` });
  const ask = (app: ReturnType<typeof limited>, token?: string) => {
    const req = request(app).get('/api/v1/tv/config');
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };

  it('counts each token on its own, whichever address it comes from', async () => {
    const app = limited();

    const kiosk = [];
    for (let i = 0; i < 4; i++) kiosk.push((await ask(app, TEST_TOKENS.kiosk.token)).status);
    const viewer = (await ask(app, TEST_TOKENS.viewer.token)).status;

    expect(kiosk).toEqual([200, 200, 200, 429]);
    expect(viewer).toBe(200);
  });

  it('counts requests without a valid token by address, apart from the tokens', async () => {
    const app = limited();

    const anonymous = [];
    for (let i = 0; i < 4; i++) anonymous.push((await ask(app, i % 2 ? WRONG_TOKEN : undefined)).status);
    const kiosk = (await ask(app, TEST_TOKENS.kiosk.token)).status;

    expect(anonymous).toEqual([401, 401, 401, 429]);
    expect(kiosk).toBe(200);
  });
});
