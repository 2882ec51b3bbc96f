/** Validation rules shared by several resources. */
package io.aibrix.metadata.validation;
