/**
 * Who is calling: every file and batch belongs to one owner, read from a request header until API keys exist, and
 * another owner's objects are invisible (404).
 */
package io.aibrix.batch.owner;
