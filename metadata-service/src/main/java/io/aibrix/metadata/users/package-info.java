/** Users: who may call the platform, and their requests-per-minute and tokens-per-minute quotas. */
package io.aibrix.metadata.users;
