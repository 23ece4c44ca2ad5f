"""Background work: store polling, webhook delivery, batch jobs (see :mod:`.loop`)."""
