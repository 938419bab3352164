// The Snapshots view (Explorer): every snapshot and template of the workspace, grouped by folder or
// by month, each with its verdict and counts; expanded, its findings by severity (with freshness
// in a trusted workspace), its candidates and where each is in its journey, and the gate results
// its log recorded. The server answers (reviewSnapshot/snapshotsView, one request for the first
// level; reviewSnapshot/snapshotDetails on expand) and says when to ask again. A snapshot's node
// is its URI, so the context actions (Run Gates, Convert to Pending, Compare with previous) get
// the snapshot's URI as their argument. Text from snapshots goes into labels, descriptions and
// plain-text tooltips only (never rendered as Markdown).
import * as vscode from 'vscode';
import {
  SnapshotDetailsRequest,
  SnapshotsViewChangedNotification,
  SnapshotsViewRequest,
  type IdPlace,
  type SnapshotsGroupBy,
  type SnapshotsViewItem,
  type ViewCandidate,
  type ViewDetails,
  type ViewFinding,
  type ViewGate,
} from '../../server/src/protocol';
import { plural, visibleControls } from '../../server/src/service/shared';
import type { SnapshotClient } from './client';

export const VIEW_ID = 'reviewSnapshot.snapshots';
const GROUP_KEY = 'reviewSnapshot.snapshotsView.groupBy';

type Group = { kind: 'group'; label: string; items: SnapshotsViewItem[] };
type Section = { kind: 'section'; uri: vscode.Uri; what: 'findings' | 'candidates' | 'gates'; details: ViewDetails };
type Severity = { kind: 'severity'; uri: vscode.Uri; severity: string; findings: ViewFinding[] };
type Leaf =
  | { kind: 'finding'; uri: vscode.Uri; f: ViewFinding }
  | { kind: 'candidate'; uri: vscode.Uri; c: ViewCandidate }
  | { kind: 'gate'; uri: vscode.Uri; g: ViewGate }
  | { kind: 'place'; place: IdPlace; what: 'pending spec' | 'spec' }
  | { kind: 'message'; text: string };
export type Node = Group | vscode.Uri | Section | Severity | Leaf;

const color = (id: string) => new vscode.ThemeColor(id);
const icon = (name: string, c?: string) => new vscode.ThemeIcon(name, c ? color(c) : undefined);
const PASSED = 'testing.iconPassed';
const FAILED = 'testing.iconFailed';
const WARNED = 'problemsWarningIcon.foreground';

/** The line of a file, opened (the command of every node that reveals something). */
function reveal(uri: vscode.Uri, line: number): vscode.Command {
  const at = new vscode.Range(line, 0, line, 0);
  return { command: 'vscode.open', title: 'Reveal', arguments: [uri, { selection: at, preview: true }] };
}

/** "conforms · 1 finding · 1 candidate", "2 errors, 1 warning · …", "template · …", "checking…". */
export function snapshotDescription(i: SnapshotsViewItem): string {
  if (i.verdict === 'unchecked') return 'checking…';
  if (i.verdict === 'unreadable') return 'not checked: cannot be read';
  const problems = [i.errors ? plural(i.errors, 'error') : '', i.warnings ? plural(i.warnings, 'warning') : ''].filter(Boolean).join(', ');
  const verdict = i.verdict === 'template' ? 'template' : i.verdict === 'conforms' ? 'conforms' : '';
  const head = [verdict, problems].filter(Boolean).join(', ');
  return [head, plural(i.findings, 'finding'), plural(i.candidates, 'candidate')].join(' · ');
}

function snapshotIcon(i: SnapshotsViewItem): vscode.ThemeIcon {
  if (i.verdict === 'unchecked') return new vscode.ThemeIcon('loading~spin');
  if (i.verdict === 'errors' || i.verdict === 'unreadable') return icon('error', FAILED);
  if (i.warnings) return icon('warning', WARNED);
  return i.verdict === 'template' ? icon('file-code', PASSED) : icon('pass', PASSED);
}

const FRESHNESS_BADGE: Record<string, string> = {
  unchanged: 'fresh',
  moved: 'moved',
  changed: 'changed',
  deleted: 'missing',
  renamed: 'renamed',
  unknown: 'freshness unknown',
};

function severityIcon(rank: number): vscode.ThemeIcon {
  return rank <= 1 ? icon('error', FAILED) : rank === 2 ? icon('warning', WARNED) : icon('info', 'problemsInfoIcon.foreground');
}

const JOURNEY: Record<ViewCandidate['journey'], string> = {
  snapshot: 'only in this snapshot',
  pending: 'in a pending spec',
  promoted: 'promoted: a spec names it',
};

export class SnapshotsTree implements vscode.TreeDataProvider<Node> {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly items = new Map<string, SnapshotsViewItem>();
  private readonly uris = new Map<string, vscode.Uri>();
  private readonly details = new Map<string, Promise<ViewDetails | string>>();
  groupBy: SnapshotsGroupBy;
  /** The last first level (tests and the e2e suite read it). */
  lastGroups: Group[] = [];
  /** The tree view showing this provider (set by registerSnapshotsView). */
  view?: vscode.TreeView<Node>;

  constructor(
    private readonly sc: SnapshotClient,
    groupBy: SnapshotsGroupBy,
  ) {
    this.groupBy = groupBy;
  }

  /**
   * Asks the server again. An expanded snapshot's children are asked for again only when its
   * first-level data changed (a new verdict, new counts) or on `all` (the Refresh button):
   * notifications come in bursts while verdicts are worked out, and freshness runs git.
   */
  refresh(all = false): void {
    if (all) this.details.clear();
    this.emitter.fire(undefined);
  }

  /** One object per snapshot URI, so the tree keeps its expansion across refreshes. */
  private uriOf(s: string): vscode.Uri {
    let u = this.uris.get(s);
    if (!u) this.uris.set(s, (u = vscode.Uri.parse(s)));
    return u;
  }

  /** A snapshot's group (the view reveals a snapshot through it); other nodes are not revealed. */
  getParent(node: Node): Node | undefined {
    if (!(node instanceof vscode.Uri)) return undefined;
    return this.lastGroups.find((g) => g.items.some((i) => i.uri === node.toString()));
  }

  /** The node of a snapshot's URI (the one the tree shows), once the first level is known. */
  nodeOf(uri: vscode.Uri): vscode.Uri | undefined {
    return this.items.has(uri.toString()) ? this.uriOf(uri.toString()) : undefined;
  }

  item(uri: vscode.Uri): SnapshotsViewItem | undefined {
    return this.items.get(uri.toString());
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) return this.roots();
    if (node instanceof vscode.Uri) return this.snapshotChildren(node);
    switch (node.kind) {
      case 'group':
        return node.items.map((i) => this.uriOf(i.uri));
      case 'section':
        return sectionChildren(node);
      case 'severity':
        return node.findings.map((f) => ({ kind: 'finding', uri: node.uri, f }));
      case 'candidate':
        return [
          ...node.c.pending.map((place): Leaf => ({ kind: 'place', place, what: 'pending spec' })),
          ...node.c.specs.map((place): Leaf => ({ kind: 'place', place, what: 'spec' })),
        ];
      default:
        return [];
    }
  }

  private async roots(): Promise<Node[]> {
    const r = await this.sc.client.sendRequest(SnapshotsViewRequest, { groupBy: this.groupBy });
    const before = new Map(this.items);
    this.items.clear();
    for (const g of r.groups) for (const i of g.items) this.items.set(i.uri, i);
    for (const [uri, was] of before) if (JSON.stringify(this.items.get(uri)) !== JSON.stringify(was)) this.details.delete(uri);
    this.lastGroups = r.groups.map((g) => ({ kind: 'group', label: g.label, items: g.items }));
    return this.lastGroups;
  }

  private async snapshotChildren(uri: vscode.Uri): Promise<Node[]> {
    const key = uri.toString();
    let p = this.details.get(key);
    if (!p) {
      p = this.sc.client
        .sendRequest(SnapshotDetailsRequest, { uri: key, freshness: vscode.workspace.isTrusted })
        .then((r) => ('error' in r ? r.error : r));
      this.details.set(key, p);
    }
    const d = await p;
    if (typeof d === 'string') return [{ kind: 'message', text: d }];
    const out: Node[] = [];
    if (d.findings.length) out.push({ kind: 'section', uri, what: 'findings', details: d });
    if (d.candidates.length) out.push({ kind: 'section', uri, what: 'candidates', details: d });
    if (d.gates.length) out.push({ kind: 'section', uri, what: 'gates', details: d });
    return out.length ? out : [{ kind: 'message', text: 'no findings, candidates or gate results' }];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node instanceof vscode.Uri) return this.snapshotItem(node);
    switch (node.kind) {
      case 'group': {
        const t = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        const failing = node.items.filter((i) => i.verdict === 'errors' || i.verdict === 'unreadable').length;
        t.description = `${plural(node.items.length, 'snapshot')}${failing ? `, ${failing} with errors` : ''}`;
        t.iconPath = this.groupBy === 'date' ? new vscode.ThemeIcon('calendar') : vscode.ThemeIcon.Folder;
        t.id = `group:${this.groupBy}:${node.label}`;
        return t;
      }
      case 'section':
        return sectionItem(node);
      case 'severity': {
        const t = new vscode.TreeItem(node.severity || '(no severity)', vscode.TreeItemCollapsibleState.Expanded);
        t.description = plural(node.findings.length, 'finding');
        t.iconPath = severityIcon(node.findings[0]?.rank ?? 9);
        return t;
      }
      default:
        return leafItem(node);
    }
  }

  private snapshotItem(uri: vscode.Uri): vscode.TreeItem {
    const i = this.item(uri);
    const t = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.Collapsed);
    t.id = uri.toString();
    t.label = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    if (!i) return t;
    t.description = snapshotDescription(i);
    t.iconPath = snapshotIcon(i);
    t.tooltip = `${i.rel}\n${i.verdict === 'template' ? 'Template' : 'Snapshot'}: ${t.description}${i.date ? `\nDate: ${i.date}` : ''}`;
    t.contextValue = i.verdict === 'template' ? 'template' : 'snapshot';
    t.command = reveal(uri, 0);
    return t;
  }
}

function sectionChildren(node: Section): Node[] {
  const { uri, details } = node;
  if (node.what === 'candidates') return details.candidates.map((c) => ({ kind: 'candidate', uri, c }));
  if (node.what === 'gates') return details.gates.map((g) => ({ kind: 'gate', uri, g }));
  const bySeverity = new Map<string, ViewFinding[]>();
  for (const f of details.findings) bySeverity.set(f.severity, [...(bySeverity.get(f.severity) ?? []), f]);
  return [...bySeverity].map(([severity, findings]) => ({ kind: 'severity', uri, severity, findings }));
}

function sectionItem(node: Section): vscode.TreeItem {
  const d = node.details;
  const t = new vscode.TreeItem('', vscode.TreeItemCollapsibleState.Expanded);
  if (node.what === 'findings') {
    t.label = 'Findings';
    const moved = d.findings.filter((f) => f.freshness && f.freshness !== 'unchanged').length;
    t.description = `${d.findings.length}${moved ? `, ${moved} cite${moved > 1 ? 's' : ''} no longer fresh` : ''}`;
    t.iconPath = new vscode.ThemeIcon('list-unordered');
  } else if (node.what === 'candidates') {
    t.label = 'Candidates';
    const only = d.candidates.filter((c) => c.journey === 'snapshot').length;
    t.description = `${d.candidates.length}${only ? `, ${only} not converted` : ''}`;
    t.iconPath = new vscode.ThemeIcon('lightbulb');
  } else {
    t.label = 'Last gate results';
    const failed = d.gates.filter((g) => g.outcome === 'fail').length;
    const unrecorded = d.gates.filter((g) => g.outcome === 'unrecorded').length;
    t.description = [
      `${d.gates.length - failed - unrecorded} passed`,
      failed ? `${failed} failed` : '',
      unrecorded ? `${unrecorded} not recorded` : '',
    ]
      .filter(Boolean)
      .join(', ');
    t.iconPath = failed ? icon('error', FAILED) : icon('pass', PASSED);
  }
  return t;
}

function leafItem(node: Leaf): vscode.TreeItem {
  switch (node.kind) {
    case 'finding': {
      const f = node.f;
      const t = new vscode.TreeItem(f.what || f.location || '(empty row)');
      const badge = f.freshness ? FRESHNESS_BADGE[f.freshness] : undefined;
      t.description = [f.location, badge ? `[${badge}]` : ''].filter(Boolean).join(' ');
      t.tooltip = `${f.severity} — ${f.location}\n${f.what}${f.freshness ? `\nFreshness: ${f.freshness} (${f.freshnessReason ?? ''})` : ''}`;
      t.iconPath = severityIcon(f.rank);
      t.contextValue = 'finding';
      t.command = reveal(node.uri, f.line);
      return t;
    }
    case 'candidate': {
      const c = node.c;
      const places = c.pending.length + c.specs.length;
      const t = new vscode.TreeItem(
        c.id ?? '(no id)',
        places ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
      );
      t.description = [c.label, JOURNEY[c.journey]].filter(Boolean).join(' · ');
      t.tooltip = `${c.id ?? '(no id)'}: ${c.title ?? ''}\nLabel: ${c.label ?? 'none'}\n${JOURNEY[c.journey]}${[...c.specs, ...c.pending].map((p) => `\n${p.rel}:${p.line + 1}`).join('')}`;
      t.iconPath =
        c.journey === 'promoted'
          ? icon('verified-filled', PASSED)
          : c.journey === 'pending'
            ? icon('inbox', WARNED)
            : new vscode.ThemeIcon('circle-outline');
      t.contextValue = 'candidate';
      t.command = reveal(node.uri, c.line);
      return t;
    }
    case 'gate': {
      const g = node.g;
      // As Run Gates' confirmation shows it: invisible and bidirectional controls as escapes.
      const t = new vscode.TreeItem(visibleControls(g.command));
      t.description = g.outcome === 'unrecorded' ? 'not recorded' : `${g.status || g.outcome}${g.exitCode ? ` · exit ${g.exitCode}` : ''}`;
      t.iconPath =
        g.outcome === 'pass'
          ? icon('pass', PASSED)
          : g.outcome === 'fail'
            ? icon('error', FAILED)
            : g.outcome === 'skipped'
              ? new vscode.ThemeIcon('circle-slash')
              : new vscode.ThemeIcon('circle-outline');
      t.tooltip = `${visibleControls(g.command)}\nstatus: ${g.status || '—'}, exit_code: ${g.exitCode || '—'}`;
      t.command = reveal(node.uri, g.line);
      return t;
    }
    case 'place': {
      const t = new vscode.TreeItem(node.place.rel);
      t.description = node.what;
      t.iconPath = node.what === 'spec' ? new vscode.ThemeIcon('file-text') : new vscode.ThemeIcon('inbox');
      t.command = reveal(vscode.Uri.file(node.place.abs), node.place.line);
      return t;
    }
    default:
      return new vscode.TreeItem(node.text);
  }
}

/** The view, its toolbar (refresh, group by folder / by month) and its refreshes. */
export function registerSnapshotsView(context: vscode.ExtensionContext, sc: SnapshotClient): SnapshotsTree {
  const setting = () => vscode.workspace.getConfiguration('reviewSnapshot').get<SnapshotsGroupBy>('snapshotsView.groupBy') ?? 'folder';
  const tree = new SnapshotsTree(sc, context.workspaceState.get<SnapshotsGroupBy>(GROUP_KEY) ?? setting());
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  tree.view = view;
  const group = (by: SnapshotsGroupBy) => {
    tree.groupBy = by;
    void context.workspaceState.update(GROUP_KEY, by);
    void vscode.commands.executeCommand('setContext', GROUP_KEY, by);
    tree.refresh(true);
  };
  void vscode.commands.executeCommand('setContext', GROUP_KEY, tree.groupBy);
  context.subscriptions.push(
    view,
    vscode.commands.registerCommand('reviewSnapshot.snapshotsView.refresh', () => tree.refresh(true)),
    vscode.commands.registerCommand('reviewSnapshot.snapshotsView.groupByDate', () => group('date')),
    vscode.commands.registerCommand('reviewSnapshot.snapshotsView.groupByFolder', () => group('folder')),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('reviewSnapshot.snapshotsView.groupBy')) group(setting());
    }),
    sc.client.onNotification(SnapshotsViewChangedNotification, () => tree.refresh()),
  );
  return tree;
}

/**
 * A snapshot a context action names (from the view, closed perhaps): opened as a document, and
 * once the server has said what it is (its status), returned. Run Gates and Convert to Pending
 * work on the open document.
 */
export async function openedSnapshot(sc: SnapshotClient, uri: vscode.Uri, ms = 10000): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri);
  if (sc.status(uri)) return doc;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    const sub = sc.onStatus((p) => p.uri === uri.toString() && done());
    function done() {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    }
  });
  return doc;
}
