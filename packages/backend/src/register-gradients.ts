// tfjs-core alone registers no gradients; training needs all of them. The build bundles this
// import (tsup noExternal) because the file's own extensionless imports fail in plain Node ESM.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
