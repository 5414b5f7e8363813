"""Run the project benchmark; the same as `sahelnlp benchmark`.

    python scripts/benchmark.py --n-docs 2000 -o benchmark.json
"""

import sys

from sahelnlp.cli import app

if __name__ == "__main__":
    app(["benchmark", *sys.argv[1:]], prog_name="benchmark.py")
