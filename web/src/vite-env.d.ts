// Vite asset imports: `…?url` gives the address of the file as built (hashed name under /assets/).
declare module '*?url' {
  const src: string;
  export default src;
}
