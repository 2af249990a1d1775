import rule from '../../../rules/registration/open-relay.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const posthog = "import { PostHog } from 'posthog-node';\nconst posthog = new PostHog('k');\n";
const segment = "import { Analytics } from '@segment/analytics-node';\nconst analytics = new Analytics({ writeKey: 'k' });\n";

ruleTester(rule, {
  valid: [
    {
      name: 'an allow-list checked before tracking',
      files: {
        'app/api/track/route.ts': `${posthog}const ALLOWED = ['copy_result', 'share_clicked'];
export async function POST(req: Request) {
  const body = await req.json();
  if (!ALLOWED.includes(body.event)) return new Response(null, { status: 400 });
  posthog.capture({ distinctId: 'server', event: body.event, properties: { page: body.page } });
  return new Response(null);
}
`,
      },
    },
    {
      name: 'a set of known names around the call',
      files: {
        'src/server.ts': `${segment}import express from 'express';
const app = express();
const EVENTS = new Set(['a_done', 'b_done']);
app.post('/t', (req, res) => {
  if (EVENTS.has(req.body?.event)) analytics.track({ userId: 'u', event: req.body.event });
  res.end();
});
`,
      },
    },
    {
      name: 'a switch over known names',
      files: {
        'src/server.ts': `${segment}import express from 'express';
const app = express();
app.post('/t', (req, res) => {
  const { event } = req.body;
  switch (event) {
    case 'a_done':
    case 'b_done':
      analytics.track({ userId: 'u', event });
  }
  res.end();
});
`,
      },
    },
    {
      name: 'a zod enum parse',
      files: {
        'app/api/track/route.ts': `${posthog}import { z } from 'zod';
const Body = z.object({ event: z.enum(['a_done', 'b_done']), plan: z.string() });
export async function POST(req: Request) {
  const { event, plan } = Body.parse(await req.json());
  posthog.capture({ distinctId: 'server', event, properties: { plan } });
  return new Response(null);
}
`,
      },
    },
    {
      name: 'a zod literal and a strict schema through safeParse',
      files: {
        'src/routes.ts': `${posthog}import { Hono } from 'hono';
import { z } from 'zod';
const app = new Hono();
const schema = z.object({ event: z.literal('daily_usage'), instance_id: z.string(), traces: z.number().optional() }).strict();
app.post('/track_usage', async (c) => {
  const parsed = schema.safeParse(await c.req.json());
  if (!parsed.success) return c.json({}, 400);
  const { event, instance_id, ...properties } = parsed.data;
  posthog.capture({ distinctId: instance_id, event, properties });
  return c.json({});
});
`,
      },
    },
    {
      name: 'a validator and Object.values of an events enum',
      files: {
        'src/server.ts': `${segment}import express from 'express';
enum Events { A = 'a_done', B = 'b_done' }
function isAllowedEvent(name: string) { return name === 'a_done'; }
const app = express();
app.post('/t', (req, res) => {
  if (!isAllowedEvent(req.body.event)) return res.sendStatus(400);
  analytics.track({ userId: 'u', event: req.body.event });
  res.end();
});
app.post('/u', (req, res) => {
  const name = req.query.event as string;
  if (!Object.values(Events).includes(name as Events)) return res.sendStatus(400);
  analytics.track({ userId: 'u', event: name });
  res.end();
});
`,
      },
    },
    {
      name: 'a name looked up in a table of known names',
      files: {
        'src/server.ts': `${segment}import express from 'express';
const NAMES: Record<string, string> = { signup: 'Signed Up', login: 'Logged In' };
const app = express();
app.post('/t', (req, res) => {
  analytics.track({ userId: 'u', event: NAMES[req.body.kind] ?? 'Unknown Action' });
  res.end();
});
`,
      },
    },
    {
      name: 'single scalar property values from the request',
      files: {
        'src/controller.ts': `${segment}import { Body, Controller, Post } from '@nestjs/common';
@Controller('billing')
export class BillingController {
  @Post('upgrade')
  upgrade(@Body('plan') plan: string, @Body() dto: { seats: number }) {
    analytics.track({ userId: 'u', event: 'Plan Upgraded', properties: { plan, seats: dto.seats } });
  }
}
`,
      },
    },
    {
      name: 'a signed webhook read through a helper, and a function that is no handler',
      files: {
        'src/hooks.ts': `${segment}declare function verified(req: unknown): Promise<{ type: string; data: Record<string, unknown> }>;
export async function POST(req: Request) {
  const payload = await verified(req);
  analytics.track({ userId: 'u', event: 'Payment Received', properties: payload.data });
  return new Response(null);
}
export function relayLocal(message: { body: { event: string } }) {
  analytics.track({ userId: 'u', event: message.body.event });
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'a Next.js route handler forwarding the body',
      files: {
        'app/api/track/route.ts': `${posthog}export async function POST(req: Request) {
  const body = await req.json();
  if (typeof body.event !== 'string' || body.event.length > 120) return new Response(null, { status: 400 });
  posthog.capture({ distinctId: 'server', event: body.event, properties: body.properties });
  return new Response(null);
}
`,
      },
      findings: [{ messageId: 'event', line: 6, message: '`body.event` is taken from the HTTP request (`req.json().event`), and so are its properties' }],
    },
    {
      name: 'an Express handler and a Hono handler with a rest of the body',
      files: {
        'src/server.ts': `${segment}import express from 'express';
const app = express();
app.post('/t', async (req, res) => {
  analytics.track({ userId: 'u', event: req.body.event, properties: { source: 'api' } });
  res.end();
});
`,
        'src/hono.ts': `${posthog}import { Hono } from 'hono';
const app = new Hono();
app.post('/track_usage', async (c) => {
  let body: Record<string, any>;
  try {
    body = await c.req.json();
  } catch {
    return c.json({}, 400);
  }
  const { event, instance_id, ...properties } = body;
  posthog.capture({ distinctId: instance_id, event, properties });
  return c.json({});
});
`,
      },
      findings: [
        { messageId: 'event', line: 13, file: 'src/hono.ts' },
        { messageId: 'event', line: 6, file: 'src/server.ts', message: '`req.body.event`' },
      ],
    },
    {
      name: 'NestJS decorators, through a tracking service',
      files: {
        'src/analytics.service.ts': `${segment}export class AnalyticsService {
  track(event: string, properties: Record<string, unknown>) {
    analytics.track({ userId: 'server', event, properties });
  }
}
`,
        'src/analytics.controller.ts': `import { Body, Controller, Post, Query } from '@nestjs/common';
import { AnalyticsService } from './analytics.service';
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}
  @Post('track')
  track(@Body('event') event: string) {
    this.analytics.track(event, { source: 'web' });
  }
  @Post('raw')
  raw(@Body() dto: { name: string; payload?: Record<string, unknown> }) {
    this.analytics.track('Raw Event', dto.payload ?? {});
  }
  @Post('query')
  byQuery(@Query() q: { event: string }) {
    this.analytics.track(q.event, {});
  }
}
`,
      },
      findings: [
        { messageId: 'event', line: 8, file: 'src/analytics.controller.ts' },
        { messageId: 'properties', line: 12, file: 'src/analytics.controller.ts', message: '`dto.payload ?? {}`' },
        { messageId: 'event', line: 16, file: 'src/analytics.controller.ts' },
      ],
    },
    {
      name: 'a Pages API handler, a zod string and a spread of the body',
      files: {
        'pages/api/track_usage.ts': `${posthog}import type { NextApiRequest, NextApiResponse } from 'next';
import { z } from 'zod';
const schema = z.object({ event: z.string().min(1), payload: z.record(z.unknown()) });
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const body = schema.parse(req.body);
  posthog.capture({ distinctId: 'server', event: body.event });
  posthog.capture({ distinctId: 'server', event: 'Usage Reported', properties: { ...req.body, source: 'api' } });
  res.status(200).end();
}
`,
      },
      findings: [
        { messageId: 'event', line: 8 },
        { messageId: 'properties', line: 9, message: '`...req.body`' },
      ],
    },
  ],
});
