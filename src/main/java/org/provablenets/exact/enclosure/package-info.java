/**
 * Rigorous enclosures: {@link org.provablenets.exact.enclosure.Interval} (an interval with apfloat
 * ends rounded outward, whose arithmetic, {@code exp}, {@code log1p}, tanh, sigmoid and softplus
 * enclose every exact result; its values are {@code @Rigorous}) and {@link
 * org.provablenets.exact.enclosure.Roots} (rational bounds on square roots, proven by exact
 * squaring). Used by T3 ({@code villani}) and by its independent checker ({@code cert}); knows
 * nothing of neural nets.
 *
 * <p>Imports: {@code exact} (the rationals) and {@code qual} only; never a theorem package, {@code
 * cert}, {@code io}, {@code cli} or {@code bench} ({@code ArchitectureTest} enforces the arrows).
 */
package org.provablenets.exact.enclosure;
