"""Scale-out: the same per-article pipeline over shards on a process pool or Apache Spark.

`shards` (units of work, Parquet output, done-markers), `local` (process pool), `spark` (PySpark
`mapPartitions` and story clustering by groups), `load` (Parquet into a store).
"""
