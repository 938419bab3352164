// esbuild inlines these files as strings (loader "text"), so the bundles carry the contract data.
declare module '*.yaml' {
  const text: string;
  export default text;
}
