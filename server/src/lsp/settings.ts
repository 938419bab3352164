// Settings per resource, asked of the client (`workspace/configuration`) and normalized once;
// kept per document URI until the configuration changes or the document closes.
import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, normalizeSettings, type SnapshotSettings } from '../service/index';

export class SettingsStore {
  /** Whether the client answers `workspace/configuration` (else the defaults apply). */
  enabled = false;
  private cache = new Map<string, Promise<SnapshotSettings>>();

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<SnapshotSettings> {
    if (!this.enabled) return Promise.resolve(DEFAULT_SETTINGS);
    let s = this.cache.get(uri);
    if (!s) {
      s = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'reviewSnapshot' })
        .then(normalizeSettings, () => DEFAULT_SETTINGS);
      this.cache.set(uri, s);
    }
    return s;
  }

  forget(uri?: string): void {
    if (uri) this.cache.delete(uri);
    else this.cache.clear();
  }
}
