import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import examples from '@octokit/webhooks-examples';
import { createTrackguard, type Trackguard } from '../../src/app.js';
import { FakeGitHub } from '../../src/testing/github-stand-in.js';
import { TempRepo } from './git-repo.js';

let privateKey: string | undefined;
export function testPrivateKey(): string {
  privateKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  return privateKey;
}

export interface Harness {
  probot: Probot;
  app: Trackguard;
  github: FakeGitHub;
  repo: TempRepo;
  receive(name: string, payload: object): Promise<void>;
}

/**
 * Probot with GitHub served by the stand-in through nock (no network), retries and throttling off
 * unless a test turns retries on.
 */
/** Sends every request to api.github.com to the stand-in (and nowhere else). */
export function routeNockTo(github: FakeGitHub): void {
  nock.disableNetConnect();
  for (const method of ['get', 'post', 'patch', 'put', 'delete'] as const) {
    nock('https://api.github.com')
      .persist()
      [method](/.*/)
      .reply(function (uri, body) {
        const reply = github.handle(method.toUpperCase(), uri, typeof body === 'string' && body ? JSON.parse(body) : body, this.req.headers);
        return [reply.status, reply.body, reply.headers];
      });
  }
}

export function createHarness(repo: TempRepo, options: { retries?: boolean; throttle?: boolean; dedupeMs?: number } = {}): Harness {
  const github = new FakeGitHub(repo.dir);
  routeNockTo(github);
  const Octokit = ProbotOctokit.defaults((instanceOptions: object) => ({
    ...instanceOptions,
    retry: options.retries ? { enabled: true, retryAfterBaseValue: 1 } : { enabled: false },
    throttle: options.throttle ? { enabled: true, fallbackSecondaryRateRetryAfter: 1 } : { enabled: false },
  }));
  const probot = new Probot({ appId: github.appId, privateKey: testPrivateKey(), secret: 'test-secret', Octokit, logLevel: 'fatal' });
  const app = createTrackguard({ dedupeMs: options.dedupeMs ?? 0 });
  void probot.load(app);
  return {
    probot,
    app,
    github,
    repo,
    async receive(name, payload) {
      await probot.receive({ id: `delivery-${Math.random()}`, name, payload } as Parameters<Probot['receive']>[0]);
      await app.idle();
    },
  };
}

type Example = { name: string; examples: Array<Record<string, unknown> & { action?: string }> };

/** A real example payload from @octokit/webhooks-examples, pointed at the stand-in's repository. */
export function payload(name: string, action: string, patch: (p: Record<string, any>) => void): Record<string, any> {
  const group = (examples as unknown as Example[]).find((e) => e.name === name);
  const example = group?.examples.find((e) => e.action === action);
  if (!example) throw new Error(`no example for ${name}.${action}`);
  const copy = structuredClone(example) as Record<string, any>;
  copy.installation = { id: 77, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNzc=' };
  copy.repository.name = 'web';
  copy.repository.full_name = 'acme/web';
  copy.repository.owner.login = 'acme';
  copy.repository.default_branch = 'main';
  patch(copy);
  return copy;
}
