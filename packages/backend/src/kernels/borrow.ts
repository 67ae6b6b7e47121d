import * as tf from '@tensorflow/tfjs-core';

/**
 * Wraps a kernel input (a TensorInfo owned by someone else) as a Tensor that can be used with tf ops
 * and disposed afterwards without freeing the caller's data: the wrapper takes its own reference on
 * the backend buffer, which its dispose gives back.
 */
export function borrow(info: tf.TensorInfo, backend: tf.KernelBackend): tf.Tensor {
  const t = tf.engine().makeTensorFromTensorInfo(info, backend);
  backend.incRef(info.dataId);
  return t;
}
