/**
 * The built-in activation functions: ReLU and the study's ten others (RReLU, Softplus, GELU, SELU,
 * CELU, SiLU, Hard Swish, HardTanh, TeLU, Mish), plus Leaky ReLU, ELU, PReLU, Tanh, Sigmoid and
 * Softsign. Parameters default to PyTorch's.
 *
 * <p>One provider per function. Each provider's static function is the formula on NDArrays; stateless
 * functions become a {@link ai.djl.nn.LambdaBlock}, while RReLU (which reads the training flag) and
 * PReLU (which owns a learnable slope) have blocks of their own. Functions whose textbook form
 * overflows (Softplus, Mish, TeLU) clamp the argument of {@code exp} where the clamp changes no
 * float32 value, so that values and gradients stay finite for any finite input.
 */
package org.robustgrid.activations;
