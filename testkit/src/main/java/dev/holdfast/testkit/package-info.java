/** Test support shared by every module: peers that tests need, and how a test behaves when one is missing. */
@NullMarked
package dev.holdfast.testkit;

import org.jspecify.annotations.NullMarked;
