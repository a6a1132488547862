/**
 * The built-in adversarial attacks: FGSM, PGD (L∞ and L2, restarts), MI-FGSM, APGD-CE, Square
 * (score-based) and the minimum-norm attacks Carlini–Wagner L2 and DeepFool.
 *
 * <p>Every attack works on whole batches, keeps per-image state in arrays and masks, and frees each
 * iteration's arrays when the iteration ends: an iteration runs in a sub-manager, the arrays it
 * replaces are moved into that sub-manager, and only the new state is attached to the attack's own
 * manager. DJL attaches an operation's result to its first operand's manager, so inside an iteration
 * the first operand is always an array of that iteration.
 */
package org.robustgrid.attacks;
