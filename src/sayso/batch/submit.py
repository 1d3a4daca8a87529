"""The script ``spark-submit`` runs: the ``sayso`` command, under the session spark-submit made.

    spark-submit --master spark://host:7077 "$(python -m sayso.batch.submit)" \\
        batch /shared/news --output /shared/out --engine spark

Run as a module (``python -m sayso.batch.submit``) it prints its own path, for the line above;
run as a script (by spark-submit) it is ``sayso`` with the arguments given.
"""

from __future__ import annotations

if __name__ == "__main__":
    if __spec__ is None:  # run as a script (by spark-submit), not with -m
        from sayso.cli import main

        main(prog_name="sayso")
    else:
        print(__file__)
