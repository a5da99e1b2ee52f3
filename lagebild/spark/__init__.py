"""Many articles: ``lagebild batch`` (inputs to Parquet tables, on the local worker pool or on
Apache Spark) and ``lagebild load`` (those tables into a store, in bulk).

Public API: ``run_batch(inputs, output, settings=..., engine=...)`` -> ``BatchRun``,
``reprocess(output, settings=..., changed=True, engine=...)`` -> ``BatchRun``,
``load_tables(folder, store)`` -> ``LoadReport``, ``pipeline_version(settings)``, ``TABLES``.
PySpark (``pip install 'lagebild[spark]'``) is needed for ``engine="spark"`` only; it is imported
when a Spark run starts.
"""

from __future__ import annotations

from lagebild.spark.engine import ENGINES as ENGINES
from lagebild.spark.engine import SPARK_MIN_DOCUMENTS as SPARK_MIN_DOCUMENTS
from lagebild.spark.engine import BatchRun as BatchRun
from lagebild.spark.engine import reprocess as reprocess
from lagebild.spark.engine import run_batch as run_batch
from lagebild.spark.engine import spark_session as spark_session
from lagebild.spark.load import LoadReport as LoadReport
from lagebild.spark.load import load_tables as load_tables
from lagebild.spark.tables import TABLES as TABLES
from lagebild.spark.version import pipeline_version as pipeline_version
