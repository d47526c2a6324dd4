"""Professional-services recognition: lexicons, a seeded training-data generator and a text classifier."""
