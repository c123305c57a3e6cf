"""The independent oracle for the table pipeline (src/data/table/): reads datasets/tables/penguins.csv with the
csv module, fits scikit-learn's SimpleImputer -> StandardScaler (numbers) and SimpleImputer(most_frequent) ->
OneHotEncoder(handle_unknown='ignore') (categories) on the given training rows only, and writes the encoded
rows (float64, row-major, features in the job's order) for each imputation strategy.
Usage: python3 table_oracle.py job.json"""
import csv
import json
import sys

import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import OneHotEncoder, StandardScaler

MISSING = {'', 'na', 'n/a', 'nan', 'null', '?', '.'}
STRATEGY = {'mean': 'mean', 'median': 'median', 'mostFrequent': 'most_frequent'}


def main(job_path):
    job = json.load(open(job_path))
    with open(job['csv'], newline='') as f:
        rows = list(csv.DictReader(f))
    train = np.array(job['train'])
    encode = np.array(job['encode'])
    for case in job['cases']:
        blocks = []
        for feature in job['features']:
            cells = [r[feature['name']].strip() for r in rows]
            missing = [c.lower() in MISSING for c in cells]
            if feature['type'] == 'category':
                column = np.array([np.nan if m else c for c, m in zip(cells, missing)], dtype=object).reshape(-1, 1)
                imputer = SimpleImputer(strategy='most_frequent', missing_values=np.nan).fit(column[train])
                encoder = OneHotEncoder(handle_unknown='ignore', sparse_output=False).fit(imputer.transform(column[train]))
                blocks.append(encoder.transform(imputer.transform(column[encode])))
            else:
                column = np.array([np.nan if m else float(c) for c, m in zip(cells, missing)]).reshape(-1, 1)
                imputer = SimpleImputer(strategy=STRATEGY[case['missing']]).fit(column[train])
                scaler = StandardScaler().fit(imputer.transform(column[train]))
                blocks.append(scaler.transform(imputer.transform(column[encode])))
        np.hstack(blocks).astype('<f8').tofile(case['out'])


if __name__ == '__main__':
    main(sys.argv[1])
