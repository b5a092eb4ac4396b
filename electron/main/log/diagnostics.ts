// "Export diagnostics": one JSON text for support. It holds versions, settings without secrets and
// without the user's own words (capture rules are counted, not listed: they name clients and
// windows), each company's id, environment and state (no realm tokens, no names, no messages),
// and the recent log, which is already free of secrets by construction (fields.ts).
import { arch, release, type as osType } from 'node:os';
import type { CaptureSettings } from '../../../shared/capture/types';
import type { QboSettingsView, QboStatus } from '../../../shared/ipc/contract';

const RECENT_LOG_LINES = 500;

export interface DiagnosticsSources {
  now: () => number;
  app: { version: string; shell: string; platform: string };
  /** process.versions: electron, node, chrome (absent in the harness). */
  versions: Partial<Record<string, string>>;
  captureSettings: () => CaptureSettings;
  captureState: () => string;
  /** The QuickBooks settings as the renderer sees them (the secret already reduced to a yes/no). */
  qboSettings: () => Promise<QboSettingsView | null>;
  companies: () => QboStatus[];
  recentLog: (lines: number) => Promise<string[]>;
}

function captureSummary(s: CaptureSettings) {
  return {
    enabled: s.enabled,
    intervalSeconds: s.intervalSeconds,
    pulseSeconds: s.pulseSeconds,
    idleThresholdSeconds: s.idleThresholdSeconds,
    skipPrivateWindows: s.skipPrivateWindows,
    excludedApps: s.excludedApps.length,
    excludedTitlePatterns: s.excludedTitlePatterns.length,
    redactions: s.redactions.length,
  };
}

function qboSummary(view: QboSettingsView | null) {
  if (!view) return null;
  return {
    environment: view.environment,
    customApiBase: view.customApiBase,
    customOAuthBase: view.customOAuthBase,
    ownClientId: view.clientId !== null,
    hasClientSecret: view.hasClientSecret,
    keysFromEnvironment: view.keysFromEnvironment,
    basesFromEnvironment: view.basesFromEnvironment,
    relayUrl: view.relayUrl,
    loopbackPort: view.loopbackPort,
    secretStorage: view.secretStorage,
  };
}

export async function buildDiagnostics(src: DiagnosticsSources): Promise<{ fileName: string; text: string }> {
  const at = new Date(src.now()).toISOString();
  const report = {
    generatedAt: at,
    app: { name: 'Track Nexus', ...src.app, electron: src.versions['electron'] ?? null, node: src.versions['node'] ?? null, chrome: src.versions['chrome'] ?? null },
    os: { type: osType(), release: release(), arch: arch() },
    capture: { state: src.captureState(), settings: captureSummary(src.captureSettings()) },
    quickbooks: {
      settings: qboSummary(await src.qboSettings().catch(() => null)),
      companies: src.companies().map((c) => ({ companyId: c.companyId, environment: c.environment, state: c.state, connected: c.connectedAt !== null })),
    },
    recentLog: await src.recentLog(RECENT_LOG_LINES).catch(() => []),
  };
  return { fileName: `track-nexus-diagnostics-${at.slice(0, 19).replace(/[:T]/g, '-')}.json`, text: JSON.stringify(report, null, 2) };
}
