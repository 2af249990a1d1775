import rule from '../../../rules/pii/raw-input.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const src = (...lines: string[]) => ({ 'src/app.ts': lines.join('\n') });
const PH = "import posthog from 'posthog-js';";

ruleTester(rule, {
  valid: [
    {
      name: "an error's short diagnostics",
      files: src(
        PH,
        'try { run(); } catch (e) {',
        "  posthog.capture('export_failed', { reason: e.message, name: e.name, code: e.code, isTimeout: e instanceof TimeoutError });",
        '}',
      ),
    },
    {
      name: 'the message idiom: a dump only of what is no Error',
      files: src(
        PH,
        'try { run(); } catch (error) {',
        '  const safeError = (error instanceof Error ? error.message : `${error}`).slice(0, 512);',
        "  posthog.capture('init_failed', { error: safeError, detail: error instanceof Error ? error.message : String(error) });",
        '}',
      ),
    },
    {
      name: 'a wrapper that takes the error and sends only its type',
      files: {
        'src/analytics.ts': [PH, 'export function trackError(exception: Error, form: string) {', "  posthog.capture('submit_error', { type: (exception as any).type, form });", '}'].join('\n'),
        'src/form.ts': ["import { trackError } from './analytics';", 'try { save(); } catch (e) { trackError(e, "profile"); }'].join('\n'),
      },
    },
    {
      name: 'facts about the command line',
      files: src(
        PH,
        'const [subcommand] = process.argv.slice(2);',
        "posthog.capture('cli_ran', { argc: process.argv.length, verbose: process.argv.includes('--verbose'), subcommand, first: process.argv[2] });",
      ),
    },
    {
      name: 'the subcommand name, not a command line',
      files: src(PH, "export const handler = (meta: { command: string }) => posthog.capture('cli_error', { command: meta.command, commandName: 'run' });"),
    },
    {
      name: 'one field of the request body',
      files: src(PH, "export function handle(req: any) { posthog.capture('plan_chosen', { plan: req.body.plan, page: req.query.page }); }"),
    },
    {
      name: "PostHog's own exception event carries the stack on purpose",
      files: src(PH, "try { run(); } catch (err) { posthog.capture('$exception', { $exception_stack_trace_raw: err.stack }); }"),
    },
    {
      name: 'a URL that names no credentials, and whether a repo URL was given',
      files: src(PH, "export function created(o: { repoUrl?: string; docsUrl: string }) { posthog.capture('project_created', { has_repo_url: Boolean(o.repoUrl), docsUrl: o.docsUrl }); }"),
    },
    { name: 'tests may send anything', files: { 'src/app.test.ts': [PH, "try { run(); } catch (err) { posthog.capture('x', { err }); }"].join('\n') } },
  ],
  invalid: [
    {
      name: 'a caught error, whatever it is called, and its stack',
      files: src(
        PH,
        'try {',
        '  run();',
        '} catch (oops) {',
        "  posthog.capture('export_failed', {",
        '    failure: oops,',
        '    trace: oops.stack,',
        '  });',
        '}',
      ),
      findings: [
        { messageId: 'errorObject', line: 6, severity: 'P1', property: 'failure', message: 'a whole error object' },
        { messageId: 'errorObject', line: 7, severity: 'P1', property: 'trace', message: "an error's stack trace" },
      ],
    },
    {
      name: 'errors dumped to text, in a rejection handler',
      files: src(
        PH,
        'import util from "node:util";',
        'load().catch((e) => {',
        "  posthog.capture('load_failed', { text: String(e), json: JSON.stringify(e), inspected: util.inspect(e), short: e.stack.slice(0, 200) });",
        '});',
      ),
      findings: [
        { messageId: 'errorObject', line: 4, message: '`String(e)`' },
        { messageId: 'errorObject', line: 4, message: '`JSON.stringify(e)`' },
        { messageId: 'errorObject', line: 4, message: '`util.inspect(e)`' },
        { messageId: 'errorObject', line: 4, message: '`e.stack.slice(0,200)`' },
      ],
    },
    {
      name: 'an error typed as one, through a helper that tracks it',
      files: src(PH, 'export function reportFailure(failure: Error) {', "  posthog.capture('operation_failed', { context: { failure } });", '}'),
      findings: [{ messageId: 'errorObject', line: 3, property: 'context.failure' }],
    },
    {
      name: 'the raw command line, whole and joined',
      files: src(PH, "posthog.capture('cli_ran', { argv: process.argv, line: process.argv.slice(2).join(' ') });"),
      findings: [
        { messageId: 'commandLine', line: 2, severity: 'P0', property: 'argv', message: 'the raw command line' },
        { messageId: 'commandLine', line: 2, property: 'line' },
      ],
    },
    {
      name: "a commander command's raw arguments, through a rest element",
      files: src(
        PH,
        "import { program } from 'commander';",
        "program.hook('preAction', (command) => {",
        '  let name: string;',
        '  let args: string[];',
        "  if (command.args[0] === 'oas') name = command.args.slice(0, 2).join('.');",
        '  else [name, ...args] = command.args;',
        "  posthog.capture('cli_command', { name, args });",
        '});',
      ),
      findings: [{ messageId: 'commandLine', line: 8, property: 'args', message: "the command's raw arguments" }],
    },
    {
      name: 'a configured shell command and a credential-bearing URL',
      files: src(
        PH,
        'export function done(config: any, { repoUrl, seed }: { repoUrl?: string; seed?: boolean }) {',
        "  posthog.capture('capture_completed', { captureCmd: config.capture?.requests.run?.command ?? null, repoUrl, seed, db: process.env.DATABASE_URL });",
        '}',
      ),
      findings: [
        { messageId: 'shellCommand', line: 3, property: 'captureCmd' },
        { messageId: 'credentialUrl', line: 3, property: 'repoUrl' },
        { messageId: 'credentialUrl', line: 3, property: 'db' },
      ],
    },
    {
      name: 'a whole request body or query, sent, spread or parsed',
      files: src(
        PH,
        'export async function POST(request: Request, req: any, ctx: any) {',
        '  const body = await request.json();',
        "  posthog.capture('form_submitted', { ...req.body, query: req.query, koa: ctx.request.body, body });",
        "  posthog.capture('webhook_received', req.body);",
        '}',
      ),
      findings: [
        { messageId: 'requestInput', line: 4, severity: 'P0', property: '...req.body', message: 'the raw request body' },
        { messageId: 'requestInput', line: 4, property: 'query', message: 'the raw request query' },
        { messageId: 'requestInput', line: 4, property: 'koa' },
        { messageId: 'requestInput', line: 4, property: 'body' },
        { messageId: 'requestInput', line: 5, property: '(properties)' },
      ],
    },
    {
      name: 'a value a wrapper adds to every event, reported once at the wrapper',
      files: {
        'src/analytics.ts': [PH, 'export function track(name: string, props: object) {', "  posthog.capture(name, { ...props, cli: process.argv.join(' ') });", '}'].join('\n'),
        'src/a.ts': ["import { track } from './analytics';", "track('a_done', { n: 1 });", "track('b_done', { n: 2 });"].join('\n'),
      },
      findings: [{ messageId: 'commandLine', line: 3, file: 'src/analytics.ts', message: 'every event `track` sends' }],
    },
  ],
});
