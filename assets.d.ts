// esbuild inlines these files as strings (loader "text"), so the bundles carry the contract data.
declare module '*.yaml' {
  const text: string;
  export default text;
}

// `?data`: the YAML parsed at build time (esbuild.plugins.mjs yamlData), bundled as plain data.
declare module '*.yaml?data' {
  const data: Record<string, unknown>;
  export default data;
}
