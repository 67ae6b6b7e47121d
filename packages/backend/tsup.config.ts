import { packageConfig } from '../../tsup.base';

// tfjs-core's gradient registrations are ESM with extensionless imports: bundle them.
export default packageConfig(['src/index.ts', 'src/node.ts'], { noExternal: [/^@tensorflow\/tfjs-core\/dist\//] });
