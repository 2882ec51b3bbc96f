-- Labels engines register with, matched by lora-manager against adapters' pod selectors in registry mode.
ALTER TABLE engines ADD COLUMN labels JSONB NOT NULL DEFAULT '{}'::jsonb;
