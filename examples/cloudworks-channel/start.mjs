// Runs src/main.ts. Node.js runs TypeScript files itself from 22.18 on (type stripping); an older one would stop
// with ERR_UNKNOWN_FILE_EXTENSION, so this plain JavaScript file checks first and says what is needed.
if (!process.features.typescript) {
  console.error(
    `This example runs TypeScript files directly: it needs Node.js 22.18 or newer, with type stripping on (this is Node.js ${process.version}).`,
  );
  process.exit(1);
}
await import('./src/main.ts');
