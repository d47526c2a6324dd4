"""Review queues: cases from findings and public reports, SLA due times, exclusive claims."""
