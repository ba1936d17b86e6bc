#!/bin/sh
# Bulk-import the CSV files of this folder into a new, empty Neo4j database (Neo4j 5.x),
# written by `kg build` (see exports/README.md). The database must not exist yet, or must be
# stopped; add --overwrite-destination=true to replace an existing one.
#   NEO4J_HOME=/path/to/neo4j sh import.sh [DATABASE]      (DATABASE defaults to neo4j)
# Then start the database and create the id constraints: cypher-shell -f constraints.cypher
# Lists (aliases, authors, surface) are string[] columns whose elements are separated by
# U+001F (ASCII unit separator), a character kg removes from all text, so no element holds it.
set -eu
cd "$(dirname "$0")"
"${NEO4J_HOME:+$NEO4J_HOME/bin/}neo4j-admin" database import full "${1:-neo4j}" \
    --delimiter=, --array-delimiter=U+001F --quote='"' --multiline-fields=true \
    --nodes=nodes_Paper.csv \
    --nodes=nodes_Model.csv \
    --nodes=nodes_Method.csv \
    --nodes=nodes_Dataset.csv \
    --nodes=nodes_Benchmark.csv \
    --relationships=rels_MENTIONS_Paper_Model.csv \
    --relationships=rels_MENTIONS_Paper_Method.csv \
    --relationships=rels_MENTIONS_Paper_Dataset.csv \
    --relationships=rels_MENTIONS_Paper_Benchmark.csv \
    --relationships=rels_INTRODUCES_Paper_Model.csv \
    --relationships=rels_INTRODUCES_Paper_Method.csv \
    --relationships=rels_INTRODUCES_Paper_Dataset.csv \
    --relationships=rels_INTRODUCES_Paper_Benchmark.csv \
    --relationships=rels_BUILDS_ON_Paper_Model.csv \
    --relationships=rels_BUILDS_ON_Paper_Method.csv \
    --relationships=rels_TRAINED_ON_Paper_Dataset.csv \
    --relationships=rels_EVALUATED_ON_Paper_Dataset.csv \
    --relationships=rels_EVALUATED_ON_Paper_Benchmark.csv \
    --relationships=rels_COMPARES_TO_Paper_Model.csv \
    --relationships=rels_COMPARES_TO_Paper_Method.csv \
    --relationships=rels_VARIANT_OF_Model_Model.csv \
    --relationships=rels_VARIANT_OF_Model_Method.csv \
    --relationships=rels_VARIANT_OF_Method_Method.csv \
    --relationships=rels_VARIANT_OF_Dataset_Dataset.csv \
    --relationships=rels_VARIANT_OF_Benchmark_Benchmark.csv
