/**
 * Value types every other package of {@code ike-core} stands on: immutable byte strings
 * ({@link org.jswan.ike.base.Bytes}), opaque secrets ({@link org.jswan.ike.base.Secret}),
 * IP addresses, subnets and endpoints without any DNS behind them, monotonic time and the
 * injected source of randomness.
 */
package org.jswan.ike.base;
